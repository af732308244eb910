/**
 * Schedules of registered flows and their ticks. The service is the API; entities and repositories
 * are public only for Quarkus' generated proxies, their constructors and accessors package-private.
 */
package io.flowfile.catalog.schedule;
