-- Tokens created before expiries existed get the default lifetime, counted from their creation:
-- one older than 90 days stops working now, a newer one lives out the same 90 days a new token would.
UPDATE `api_tokens` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`, '+90 days') WHERE `expires_at` IS NULL;
