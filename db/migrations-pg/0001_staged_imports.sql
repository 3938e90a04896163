CREATE TABLE "staged_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_user_id" integer NOT NULL,
	"meta" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"staged_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staged_imports" ADD CONSTRAINT "staged_imports_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staged_imports_owner_idx" ON "staged_imports" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "staged_imports_expires_idx" ON "staged_imports" USING btree ("expires_at");