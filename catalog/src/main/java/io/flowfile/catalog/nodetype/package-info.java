/**
 * Custom node types: their saved versions (immutable documents) and which are published. The service
 * is the API; entities and repositories are public only for Quarkus' generated proxies.
 */
package io.flowfile.catalog.nodetype;
