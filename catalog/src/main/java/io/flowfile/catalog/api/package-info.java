/**
 * The values the catalog's services take and return: records and enums, no entities.
 */
package io.flowfile.catalog.api;
