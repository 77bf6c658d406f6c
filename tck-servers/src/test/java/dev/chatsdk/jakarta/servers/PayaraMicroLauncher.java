package dev.chatsdk.jakarta.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chatsdk.testsupport.ServerVersions;

/**
 * Payara Micro from Maven Central on the Temurin 25 JDK (it needs Java 21+), with the jakartaee-war example:
 * users in its file realm, MicroProfile Config built in, the module's secrets as system properties.
 */
final class PayaraMicroLauncher implements ServerLauncher {
    @Override
    public String name() {
        return "Payara Micro " + ServerVersions.payaraMicro();
    }

    @Override
    public ServerProcess launch(int http) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "payara").toAbsolutePath());
        Path alicePassword = work.resolve("alice.pw");
        Path bobPassword = work.resolve("bob.pw");
        Files.writeString(alicePassword, "AS_ADMIN_USERPASSWORD=" + KitTarget.PASSWORD + "\n");
        Files.writeString(bobPassword, "AS_ADMIN_USERPASSWORD=" + KitTarget.DENIED_PASSWORD + "\n");
        Path postBoot = work.resolve("post-boot.asadmin");
        Files.writeString(postBoot, String.format("create-file-user --groups chat-user --passwordfile %s %s%n"
                + "create-file-user --groups staff --passwordfile %s %s%n", alicePassword, KitTarget.USER, bobPassword,
                KitTarget.DENIED_USER));

        String java = Path.of(System.getProperty("payara.java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m"));
        command.addAll(KitTarget.systemProperties());
        command.addAll(List.of("-jar", KitTarget.serversDir().resolve("payara-micro.jar").toAbsolutePath().toString(),
                "--deploy", KitTarget.serversDir().resolve("app.war").toAbsolutePath().toString(),
                "--port", String.valueOf(http), "--nocluster", "--disablephonehome",
                "--unpackdir", work.resolve("runtime").toString(), "--postbootcommandfile", postBoot.toString()));
        return ServerProcess.start("Payara Micro", command, Map.of(), Path.of("target", "payara.log"));
    }
}
