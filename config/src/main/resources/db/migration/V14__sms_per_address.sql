-- Where each one-time code was asked for, so that one client address cannot flood many phones with SMS.
ALTER TABLE command.verification_code ADD COLUMN client_address VARCHAR(64);
CREATE INDEX verification_code_by_address ON command.verification_code (client_address, created_at DESC);
