package dev.chatsdk.jakarta.servers.probe;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatTokens;
import dev.chatsdk.jakarta.ChatUser;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;

/**
 * The only class of the test deployment {@code txprobe.war} that {@code TxProbeScript} assembles (with the
 * jakartaee-war example's libraries): calls the module's programmatic API inside a container transaction that it then
 * rolls back, as an application's {@code @Transactional} code would that fails after issuing or refreshing tokens.
 * In the same transaction it first inserts a marker row through the module's own JTA DataSource, so the test can see
 * that the transaction was real and rolled back. {@code POST /tx/issue?user=…} issues, {@code POST /tx/refresh} with
 * the refresh token as the request body refreshes. Answers
 * {@code {"statusDuring","statusAfter","marker","refreshToken","error"}} (JTA status numbers; {@code error} the
 * module's error code). Loopback only, test code: no authentication.
 */
@WebServlet("/tx/*")
public class TxProbeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ChatSdk chat = (ChatSdk) getServletContext().getAttribute(ChatSdk.ATTRIBUTE);
        String marker = UUID.randomUUID().toString();
        String body = new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        int during;
        int after;
        String refreshToken = null;
        String error = null;
        try {
            InitialContext jndi = new InitialContext();
            UserTransaction transaction = (UserTransaction) jndi.lookup("java:comp/UserTransaction");
            DataSource dataSource = (DataSource) jndi.lookup(System.getProperty("chatsdk.session.jdbc.datasource"));
            transaction.begin();
            try {
                try (Connection c = dataSource.getConnection();
                     PreparedStatement s = c.prepareStatement("INSERT INTO chatsdk_probe (marker) VALUES (?)")) {
                    s.setString(1, marker);
                    s.executeUpdate();
                }
                during = transaction.getStatus();
                ChatTokens tokens = "/issue".equals(request.getPathInfo())
                        ? chat.issue(ChatUser.builder(request.getParameter("user")).name("In A Transaction").build())
                        : chat.refresh(body);
                refreshToken = tokens.refreshToken();
            } catch (ChatSdkException e) {
                error = e.code().name();
                during = transaction.getStatus();
            } finally {
                transaction.rollback();
            }
            after = transaction.getStatus();
        } catch (NamingException | SQLException | jakarta.transaction.NotSupportedException
                | jakarta.transaction.SystemException e) {
            throw new IOException(e.getClass().getName(), e);
        }
        response.setContentType("application/json");
        response.getWriter().write(String.format("{\"statusDuring\":%d,\"statusAfter\":%d,\"marker\":\"%s\","
                + "\"refreshToken\":%s,\"error\":%s}", during, after, marker, quoted(refreshToken), quoted(error)));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
