CREATE TABLE "outbound_mail" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text,
	"profile_id" text,
	"kind" text NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"transport" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"provider_message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbound_mail" ADD CONSTRAINT "outbound_mail_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbound_mail_created_at_index" ON "outbound_mail" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbound_mail_workspace_id_created_at_index" ON "outbound_mail" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "outbound_mail_profile_id_index" ON "outbound_mail" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "outbound_mail_to_index" ON "outbound_mail" USING btree ("to");