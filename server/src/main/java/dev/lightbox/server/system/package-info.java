/** Health, version, metrics and the route list: what operators and monitoring read. */
package dev.lightbox.server.system;
