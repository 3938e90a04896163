CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`kind` text NOT NULL,
	`parent_id` integer,
	`path` text NOT NULL,
	`institute_id` integer,
	`active_from` integer,
	`active_to` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE INDEX `units_path_idx` ON `units` (`path`);--> statement-breakpoint
CREATE INDEX `units_institute_idx` ON `units` (`institute_id`);--> statement-breakpoint
CREATE TABLE `domains` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 100 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `risk_dimensions` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`stage` text DEFAULT 'all' NOT NULL,
	`sort_order` integer DEFAULT 100 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`expires_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`ip` text NOT NULL,
	`at` integer NOT NULL,
	`success` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_login_idx` ON `login_attempts` (`login`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_idx` ON `login_attempts` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`password_changed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_unique` ON `users` (`login`);--> statement-breakpoint
CREATE INDEX `users_unit_idx` ON `users` (`unit_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`title` text NOT NULL,
	`domain` text NOT NULL,
	`lead` text,
	`requires_permit` integer DEFAULT false NOT NULL,
	`permit_at` integer,
	`requires_filing` integer DEFAULT false NOT NULL,
	`filed_at` integer,
	`started_at` integer,
	`paused_at` integer,
	`closed_at` integer,
	`status` text DEFAULT 'planned' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`domain`) REFERENCES `domains`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_institute_external_uq` ON `projects` (`institute_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `projects_unit_started_idx` ON `projects` (`unit_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `projects_institute_idx` ON `projects` (`institute_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `projects_domain_idx` ON `projects` (`domain`);--> statement-breakpoint
CREATE TABLE `assessment_dimensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`likelihood` integer NOT NULL,
	`impact` integer NOT NULL,
	`risk_points` text,
	`consequences` text,
	`measures` text,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`dimension`) REFERENCES `risk_dimensions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_dimensions_uq` ON `assessment_dimensions` (`assessment_id`,`dimension`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`project_id` integer NOT NULL,
	`stage` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`submitted_at` integer,
	`decided_at` integer,
	`decided_by` integer,
	`review_comment` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_institute_external_uq` ON `assessments` (`institute_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `assessments_unit_submitted_idx` ON `assessments` (`unit_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `assessments_status_submitted_idx` ON `assessments` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `assessments_project_idx` ON `assessments` (`project_id`);--> statement-breakpoint
CREATE INDEX `assessments_institute_idx` ON `assessments` (`institute_id`,`status`);--> statement-breakpoint
CREATE TABLE `hazards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`domain` text NOT NULL,
	`dimension` text NOT NULL,
	`severity` text NOT NULL,
	`source` text DEFAULT 'self_inspection' NOT NULL,
	`found_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`rectified_at` integer,
	`verified_at` integer,
	`verified_by` integer,
	`project_id` integer,
	`description` text,
	`rectification_plan` text,
	`status` text DEFAULT 'open' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`domain`) REFERENCES `domains`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dimension`) REFERENCES `risk_dimensions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hazards_institute_external_uq` ON `hazards` (`institute_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `hazards_unit_found_idx` ON `hazards` (`unit_id`,`found_at`);--> statement-breakpoint
CREATE INDEX `hazards_found_idx` ON `hazards` (`found_at`);--> statement-breakpoint
CREATE INDEX `hazards_status_due_idx` ON `hazards` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `hazards_institute_found_idx` ON `hazards` (`institute_id`,`found_at`);--> statement-breakpoint
CREATE INDEX `hazards_domain_found_idx` ON `hazards` (`domain`,`found_at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`domain` text NOT NULL,
	`dimension` text NOT NULL,
	`tier` integer NOT NULL,
	`occurred_at` integer NOT NULL,
	`discovered_at` integer NOT NULL,
	`reported_at` integer NOT NULL,
	`deaths` integer DEFAULT 0 NOT NULL,
	`serious_injuries` integer DEFAULT 0 NOT NULL,
	`direct_loss_cny` integer DEFAULT 0 NOT NULL,
	`concealed` integer DEFAULT false NOT NULL,
	`project_id` integer,
	`summary` text,
	`status` text DEFAULT 'reported' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`domain`) REFERENCES `domains`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dimension`) REFERENCES `risk_dimensions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_institute_external_uq` ON `incidents` (`institute_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `incidents_unit_occurred_idx` ON `incidents` (`unit_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `incidents_occurred_idx` ON `incidents` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `incidents_institute_occurred_idx` ON `incidents` (`institute_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `incidents_domain_occurred_idx` ON `incidents` (`domain`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`project_id` integer,
	`kind` text DEFAULT 'supervision' NOT NULL,
	`inspected_at` integer NOT NULL,
	`inspector` text,
	`findings` text,
	`hazards_found` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'done' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspections_institute_external_uq` ON `inspections` (`institute_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `inspections_unit_inspected_idx` ON `inspections` (`unit_id`,`inspected_at`);--> statement-breakpoint
CREATE INDEX `inspections_institute_idx` ON `inspections` (`institute_id`,`inspected_at`);--> statement-breakpoint
CREATE TABLE `ethics_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`title` text,
	`project_id` integer,
	`approved_at` integer NOT NULL,
	`registered_at` integer,
	`re_reviewed_at` integer,
	`status` text DEFAULT 'active' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ethics_activities_institute_external_uq` ON `ethics_activities` (`institute_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `ethics_activities_unit_idx` ON `ethics_activities` (`unit_id`,`approved_at`);--> statement-breakpoint
CREATE INDEX `ethics_activities_institute_idx` ON `ethics_activities` (`institute_id`);--> statement-breakpoint
CREATE TABLE `ethics_annual_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`year` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ethics_annual_reports_institute_external_uq` ON `ethics_annual_reports` (`institute_id`,`external_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ethics_annual_reports_institute_year_uq` ON `ethics_annual_reports` (`institute_id`,`year`);--> statement-breakpoint
CREATE INDEX `ethics_annual_reports_unit_idx` ON `ethics_annual_reports` (`unit_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `ethics_committees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`institute_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`name` text,
	`established_at` integer NOT NULL,
	`registered_at` integer,
	`dissolved_at` integer,
	`status` text DEFAULT 'active' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ethics_committees_institute_external_uq` ON `ethics_committees` (`institute_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `ethics_committees_unit_idx` ON `ethics_committees` (`unit_id`,`established_at`);--> statement-breakpoint
CREATE INDEX `ethics_committees_institute_idx` ON `ethics_committees` (`institute_id`);--> statement-breakpoint
CREATE TABLE `rating_contributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rating_id` integer NOT NULL,
	`rule` text NOT NULL,
	`record_kind` text NOT NULL,
	`record_id` integer,
	`record_external_id` text,
	`floor` text,
	`points` integer NOT NULL,
	FOREIGN KEY (`rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rating_contributions_rating_idx` ON `rating_contributions` (`rating_id`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institute_id` integer NOT NULL,
	`year` integer NOT NULL,
	`as_of` integer NOT NULL,
	`rule_set_version` text NOT NULL,
	`status` text NOT NULL,
	`points` integer NOT NULL,
	`level_by_points` text NOT NULL,
	`level` text NOT NULL,
	`floors` text NOT NULL,
	`computed_at` integer NOT NULL,
	`published_at` integer,
	`published_by` integer,
	FOREIGN KEY (`institute_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_institute_year_status_uq` ON `ratings` (`institute_id`,`year`,`status`);--> statement-breakpoint
CREATE INDEX `ratings_year_idx` ON `ratings` (`year`,`level`);--> statement-breakpoint
CREATE TABLE `rule_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`version` text NOT NULL,
	`body` text NOT NULL,
	`active` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`activated_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_sets_kind_version_uq` ON `rule_sets` (`kind`,`version`);--> statement-breakpoint
CREATE TABLE `warning_list_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`person_name` text,
	`reason` text NOT NULL,
	`rating_id` integer,
	`status` text NOT NULL,
	`confirmed_at` integer,
	`confirmed_by` integer,
	`lifted_at` integer,
	`lifted_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lifted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `warning_list_unit_idx` ON `warning_list_entries` (`unit_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_key` text NOT NULL,
	`period` text NOT NULL,
	`colour` text NOT NULL,
	`unit_id` integer,
	`domain` text,
	`message_zh` text NOT NULL,
	`message_en` text NOT NULL,
	`details` text,
	`fired_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` integer,
	`acknowledge_comment` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_rule_subject_period_uq` ON `alerts` (`rule`,`subject_kind`,`subject_key`,`period`);--> statement-breakpoint
CREATE INDEX `alerts_fired_idx` ON `alerts` (`fired_at`);--> statement-breakpoint
CREATE INDEX `alerts_unit_idx` ON `alerts` (`unit_id`);--> statement-breakpoint
CREATE TABLE `bulletins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`generated_at` integer NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulletins_month_unique` ON `bulletins` (`month`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`entity_kind` text NOT NULL,
	`entity_id` integer,
	`unit_id` integer,
	`before` text,
	`after` text,
	`prev_hash` text,
	`hash` text NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_kind`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_prev_hash_uq` ON `audit_log` (`prev_hash`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_job_period_uq` ON `job_runs` (`job`,`period`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
