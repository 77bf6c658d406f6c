/**
 * Internal; may change without notice. The module's OpenAPI document in a MicroProfile OpenAPI server's
 * {@code /openapi}: a filter that merges the shipped {@code META-INF/chatsdk/openapi.json} into the
 * generated model, and the lowest-ordinal config source that names it. Only the server's MicroProfile
 * OpenAPI implementation loads the filter, so servers without it never touch its API.
 */
package dev.chatsdk.jakarta.web.openapi;
