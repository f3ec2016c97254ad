/**
 * The HTTP edge: Jetty, the router, routes and exchanges, problem answers, the cross-site guard, the web
 * gallery's static files and the OpenAPI document. HTTP statuses are chosen here only
 * ({@link dev.lightbox.server.http.Problems#status}); features add routes, not handlers.
 */
package dev.lightbox.server.http;
