CREATE TABLE "preference_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"channels" text[] DEFAULT '{email}'::text[] NOT NULL,
	"copy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "preference_states" (
	"profile_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"unsubscribed_all" boolean DEFAULT false NOT NULL,
	"unsubscribed_all_at" timestamp with time zone,
	"paused_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"profile_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"channel" text NOT NULL,
	"workspace_id" text NOT NULL,
	"status" text NOT NULL,
	"frequency" text NOT NULL,
	"origin" text NOT NULL,
	"source" text NOT NULL,
	"pending_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_profile_id_topic_id_channel_pk" PRIMARY KEY("profile_id","topic_id","channel")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"channels" text[] NOT NULL,
	"defaults" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"frequencies" text[] NOT NULL,
	"default_frequency" text NOT NULL,
	"double_opt_in" boolean DEFAULT false NOT NULL,
	"transactional" boolean DEFAULT false NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "preference_settings" ADD CONSTRAINT "preference_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preference_states" ADD CONSTRAINT "preference_states_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preference_states" ADD CONSTRAINT "preference_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "preference_states_workspace_id_index" ON "preference_states" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "subscriptions_workspace_id_topic_id_channel_status_profile_id_index" ON "subscriptions" USING btree ("workspace_id","topic_id","channel","status","profile_id");--> statement-breakpoint
CREATE INDEX "subscriptions_pending_expiry" ON "subscriptions" USING btree ("pending_expires_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "topics_workspace_id_key_index" ON "topics" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "topics_workspace_id_position_index" ON "topics" USING btree ("workspace_id","position");