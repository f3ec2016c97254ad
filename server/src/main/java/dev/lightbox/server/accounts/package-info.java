/** Accounts: users, sessions, API keys, login throttling and password hashing; their routes ({@link dev.lightbox.server.accounts.AccountRoutes}), services and repositories. */
package dev.lightbox.server.accounts;
