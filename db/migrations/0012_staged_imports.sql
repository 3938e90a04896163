CREATE TABLE `staged_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_user_id` integer NOT NULL,
	`meta` text NOT NULL,
	`bytes` blob NOT NULL,
	`size` integer NOT NULL,
	`staged_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staged_imports_owner_idx` ON `staged_imports` (`owner_user_id`);--> statement-breakpoint
CREATE INDEX `staged_imports_expires_idx` ON `staged_imports` (`expires_at`);