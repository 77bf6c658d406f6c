package dev.chatsdk.jakarta.web.servlet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;

import dev.chatsdk.jakarta.TestUsers;
import dev.chatsdk.testsupport.Http;

/** Embedded Tomcat 11 on a free loopback port, deploying exploded {@link TestWebapp}s. */
public final class TomcatServer implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();

    public TomcatServer(Path baseDir) throws IOException {
        Files.createDirectories(baseDir.resolve("webapps"));
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.addUser(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
        tomcat.addRole(TestUsers.ALICE, TestUsers.CHAT_ROLE);
        tomcat.addUser(TestUsers.BOB, TestUsers.BOB_PASSWORD);
    }

    /** Sets the connector's most request threads; call before {@link #start()}. */
    public TomcatServer maxThreads(int maxThreads) {
        tomcat.getConnector().setProperty("maxThreads", String.valueOf(maxThreads));
        return this;
    }

    /** Runs the background processor, and with it the session reaper, every second; call before {@link #start()}. */
    public TomcatServer reaperEverySecond() {
        tomcat.getEngine().setBackgroundProcessorDelay(1);
        return this;
    }

    public Context deploy(String contextPath, Path webappDir) {
        return tomcat.addWebapp(contextPath, webappDir.toString());
    }

    public TomcatServer start() throws Exception {
        tomcat.start();
        return this;
    }

    public static boolean started(Context context) {
        return context.getState() == LifecycleState.STARTED;
    }

    public Http http(String contextPath) {
        return new Http("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + contextPath);
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
