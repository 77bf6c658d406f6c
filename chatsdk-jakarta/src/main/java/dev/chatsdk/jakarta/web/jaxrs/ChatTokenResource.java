package dev.chatsdk.jakarta.web.jaxrs;

import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.web.ChatResponse;
import dev.chatsdk.jakarta.web.ChatSdkRegistry;
import dev.chatsdk.jakarta.web.ChatTokenService;

/**
 * Serves the token endpoints inside the application's JAX-RS application, at the default paths
 * {@code api/chat/token} and {@code chatsdk/...} relative to its {@code @ApplicationPath}. Discovered
 * by package scanning on EE servers; elsewhere register it, e.g. {@code new ChatTokenResource(chatSdk)}.
 *
 * <p>Without a {@link ChatSdk} given in code, it answers with the application's instance: the one
 * the servlet initializer published, or else one built from MicroProfile Config on first use.
 *
 * <p>OpenAPI: one catch-all method per HTTP method cannot describe a dozen endpoints, so scanning is told
 * to skip them ({@code @Operation(hidden = true)}); the module's filter
 * ({@code dev.chatsdk.jakarta.web.openapi.ChatOpenApiFilter}) adds every endpoint, with its schemas and
 * security, to the server's {@code /openapi}. Without MicroProfile OpenAPI the annotations are ignored.
 */
@Path("{chatsdkPath: api/chat/token|chatsdk(?:/.*)?}")
public class ChatTokenResource {
    private final ChatTokenService given;

    @Context
    private Request request;
    @Context
    private UriInfo uri;
    @Context
    private HttpHeaders headers;
    @Context
    private SecurityContext security;

    /** For JAX-RS discovery: answers with the application's shared instance. */
    public ChatTokenResource() {
        this.given = null;
    }

    /** @param sdk the module to answer with */
    public ChatTokenResource(ChatSdk sdk) {
        this.given = new ChatTokenService(sdk);
    }

    @GET
    @Operation(hidden = true)
    public Response get() {
        return handle(null);
    }

    /**
     * Declared so that JAX-RS does not run a HEAD request as a GET (JAX-RS 3.1 §3.3.5), which would start a
     * session and issue tokens: the service answers HEAD as the servlet filter does.
     */
    @HEAD
    @Operation(hidden = true)
    public Response head() {
        return handle(null);
    }

    @POST
    @Operation(hidden = true)
    public Response post(InputStream body) {
        return handle(body);
    }

    @PUT
    @Operation(hidden = true)
    public Response put(InputStream body) {
        return handle(body);
    }

    @DELETE
    @Operation(hidden = true)
    public Response delete() {
        return handle(null);
    }

    @PATCH
    @Operation(hidden = true)
    public Response patch(InputStream body) {
        return handle(body);
    }

    /** CORS preflights, answered like the servlet filter answers them. */
    @OPTIONS
    @Operation(hidden = true)
    public Response options() {
        return handle(null);
    }

    private Response handle(InputStream body) {
        ChatTokenService service = given != null ? given : ChatSdkRegistry.current();
        ChatResponse answer = service.handle(new JaxRsChatRequest(request, uri, headers, security, body));
        Response.ResponseBuilder out = Response.status(answer.status()).header(ChatResponse.HANDLER_HEADER, "jaxrs");
        if (answer.body().length > 0) {
            out.type(ChatResponse.JSON).entity(answer.body());
        }
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            out.header(header.getKey(), header.getValue());
        }
        return out.build();
    }
}
