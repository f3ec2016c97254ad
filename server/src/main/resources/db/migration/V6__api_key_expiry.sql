-- An API key may end: epoch millis after which it is refused, or NULL for a key that never expires.
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;
