CREATE TABLE "personalization_decisions" (
	"response_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"quiz_id" text NOT NULL,
	"bundle_key" text,
	"bundle_generic" boolean,
	"flow_key" text,
	"flow_generic" boolean,
	"personalized" boolean NOT NULL,
	"reason" text,
	"withheld_purposes" text[] DEFAULT '{}'::text[] NOT NULL,
	"skus" text[] DEFAULT '{}'::text[] NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quiz_view_counts" (
	"workspace_id" text NOT NULL,
	"quiz_id" text NOT NULL,
	"version_id" text NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"device" text NOT NULL,
	"utm_source" text DEFAULT '' NOT NULL,
	"shard" smallint NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "quiz_view_counts_workspace_id_quiz_id_day_version_id_channel_device_utm_source_shard_pk" PRIMARY KEY("workspace_id","quiz_id","day","version_id","channel","device","utm_source","shard")
);
--> statement-breakpoint
CREATE TABLE "conversions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"value" numeric(14, 2) NOT NULL,
	"currency" text NOT NULL,
	"skus" text[] DEFAULT '{}'::text[] NOT NULL,
	"idempotency_key" text,
	"response_id" text,
	"quiz_id" text,
	"bundle_key" text,
	"flow_key" text,
	"personalized" boolean,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "personalization_decisions" ADD CONSTRAINT "personalization_decisions_response_id_quiz_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."quiz_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personalization_decisions" ADD CONSTRAINT "personalization_decisions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personalization_decisions" ADD CONSTRAINT "personalization_decisions_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_view_counts" ADD CONSTRAINT "quiz_view_counts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_view_counts" ADD CONSTRAINT "quiz_view_counts_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "personalization_decisions_workspace_id_profile_id_decided_at_index" ON "personalization_decisions" USING btree ("workspace_id","profile_id","decided_at");--> statement-breakpoint
CREATE INDEX "quiz_view_counts_workspace_id_day_index" ON "quiz_view_counts" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_workspace_id_idempotency_key_index" ON "conversions" USING btree ("workspace_id","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "conversions_workspace_id_occurred_at_index" ON "conversions" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE INDEX "conversions_workspace_id_profile_id_index" ON "conversions" USING btree ("workspace_id","profile_id");