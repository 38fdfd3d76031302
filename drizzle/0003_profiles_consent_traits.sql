CREATE TABLE "profile_anonymous_ids" (
	"workspace_id" text NOT NULL,
	"anonymous_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_anonymous_ids_workspace_id_anonymous_id_pk" PRIMARY KEY("workspace_id","anonymous_id")
);
--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"email" text,
	"external_id" text,
	"locale" text,
	"status" text DEFAULT 'active' NOT NULL,
	"merged_into" text,
	"merged_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"suppressed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppressions" (
	"workspace_id" text NOT NULL,
	"email_hash" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressions_workspace_id_email_hash_pk" PRIMARY KEY("workspace_id","email_hash")
);
--> statement-breakpoint
CREATE TABLE "workspace_privacy_keys" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"suppression_salt" text NOT NULL,
	"previous_identity_secret" text,
	"previous_identity_secret_expires_at" timestamp with time zone,
	"identity_secret_rotated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consent_chains" (
	"profile_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"length" integer NOT NULL,
	"head_hash" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_purposes" (
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_purposes_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
CREATE TABLE "consent_records" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"seq" integer NOT NULL,
	"purpose" text NOT NULL,
	"action" text NOT NULL,
	"notice_version_id" text,
	"notice_text_hash" text,
	"locale" text,
	"method" text NOT NULL,
	"collection_point" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"ip_truncated" text,
	"user_agent" text,
	"source_url" text,
	"personal_salt" text,
	"personal_digest" text,
	"redacted_at" timestamp with time zone,
	"prev_hash" text,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_states" (
	"profile_id" text NOT NULL,
	"purpose" text NOT NULL,
	"workspace_id" text NOT NULL,
	"granted" boolean NOT NULL,
	"method" text NOT NULL,
	"record_id" text NOT NULL,
	"gpc" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consent_states_profile_id_purpose_pk" PRIMARY KEY("profile_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "notice_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"purpose" text NOT NULL,
	"locale" text NOT NULL,
	"version" integer,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"text_hash" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trait_definitions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"type" text NOT NULL,
	"allowed_values" jsonb,
	"purpose" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trait_history" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"trait_id" text NOT NULL,
	"value" jsonb,
	"source_kind" text NOT NULL,
	"source_ref" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trait_values" (
	"profile_id" text NOT NULL,
	"trait_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"value" jsonb NOT NULL,
	"source_kind" text NOT NULL,
	"source_ref" text,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trait_values_profile_id_trait_id_pk" PRIMARY KEY("profile_id","trait_id")
);
--> statement-breakpoint
ALTER TABLE "profile_anonymous_ids" ADD CONSTRAINT "profile_anonymous_ids_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_anonymous_ids" ADD CONSTRAINT "profile_anonymous_ids_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_privacy_keys" ADD CONSTRAINT "workspace_privacy_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_chains" ADD CONSTRAINT "consent_chains_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_chains" ADD CONSTRAINT "consent_chains_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_purposes" ADD CONSTRAINT "consent_purposes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_states" ADD CONSTRAINT "consent_states_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_states" ADD CONSTRAINT "consent_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_versions" ADD CONSTRAINT "notice_versions_workspace_id_purpose_consent_purposes_workspace_id_key_fk" FOREIGN KEY ("workspace_id","purpose") REFERENCES "public"."consent_purposes"("workspace_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_definitions" ADD CONSTRAINT "trait_definitions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_definitions" ADD CONSTRAINT "trait_definitions_workspace_id_purpose_consent_purposes_workspace_id_key_fk" FOREIGN KEY ("workspace_id","purpose") REFERENCES "public"."consent_purposes"("workspace_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_history" ADD CONSTRAINT "trait_history_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_history" ADD CONSTRAINT "trait_history_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_history" ADD CONSTRAINT "trait_history_trait_id_trait_definitions_id_fk" FOREIGN KEY ("trait_id") REFERENCES "public"."trait_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_values" ADD CONSTRAINT "trait_values_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_values" ADD CONSTRAINT "trait_values_trait_id_trait_definitions_id_fk" FOREIGN KEY ("trait_id") REFERENCES "public"."trait_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_values" ADD CONSTRAINT "trait_values_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_anonymous_ids_profile_id_index" ON "profile_anonymous_ids" USING btree ("profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_workspace_id_email_index" ON "profiles" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_workspace_id_external_id_index" ON "profiles" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "profiles_workspace_id_created_at_index" ON "profiles" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "profiles_merged_into_index" ON "profiles" USING btree ("merged_into");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_records_profile_id_seq_index" ON "consent_records" USING btree ("profile_id","seq");--> statement-breakpoint
CREATE INDEX "consent_records_workspace_id_profile_id_seq_index" ON "consent_records" USING btree ("workspace_id","profile_id","seq");--> statement-breakpoint
CREATE INDEX "consent_records_workspace_id_recorded_at_index" ON "consent_records" USING btree ("workspace_id","recorded_at");--> statement-breakpoint
CREATE INDEX "consent_states_workspace_id_purpose_granted_index" ON "consent_states" USING btree ("workspace_id","purpose","granted");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_versions_workspace_id_purpose_locale_version_index" ON "notice_versions" USING btree ("workspace_id","purpose","locale","version");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_versions_one_draft" ON "notice_versions" USING btree ("workspace_id","purpose","locale") WHERE published_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "trait_definitions_workspace_id_key_index" ON "trait_definitions" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "trait_history_workspace_id_profile_id_recorded_at_index" ON "trait_history" USING btree ("workspace_id","profile_id","recorded_at");--> statement-breakpoint
CREATE INDEX "trait_values_workspace_id_trait_id_index" ON "trait_values" USING btree ("workspace_id","trait_id");