package dev.chatsdk.example.ee;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The last chat audit events, one per line, for the {@code staff} role (see web.xml). */
@Path("admin/chat-events")
public class ChatEventsResource {
    @Inject
    ChatAudit audit;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String recent() {
        return String.join("\n", audit.recent());
    }
}
