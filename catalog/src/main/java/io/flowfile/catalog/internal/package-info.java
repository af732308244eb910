/**
 * Helpers shared by the catalog's packages; not for use outside the catalog.
 */
package io.flowfile.catalog.internal;
