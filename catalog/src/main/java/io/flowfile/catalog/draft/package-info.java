/**
 * Drafts: flow documents users are designing, with their undo history. The service of this package is
 * the API; its entities and repositories are public only because Quarkus generates their proxies in
 * another class loader when the catalog is a dependency jar. Their constructors and accessors stay
 * package-private: no entity leaves the catalog (STYLE.md rule 5).
 */
package io.flowfile.catalog.draft;
