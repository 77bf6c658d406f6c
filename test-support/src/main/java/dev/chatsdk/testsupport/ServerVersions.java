package dev.chatsdk.testsupport;

/**
 * The versions of the servers the tests run, as the build resolves them: the poms' version properties, passed to
 * surefire and failsafe as system properties, so a report never names a version the build did not use.
 */
public final class ServerVersions {
    private ServerVersions() {
    }

    /** @return {@code jetty.version} of the parent pom */
    public static String jetty() {
        return of("chatsdk.version.jetty", "jetty.version");
    }

    /** @return {@code tomcat.version} of the parent pom */
    public static String tomcat() {
        return of("chatsdk.version.tomcat", "tomcat.version");
    }

    /** @return {@code wildfly.version} of tck-servers/pom.xml */
    public static String wildFly() {
        return of("chatsdk.version.wildfly", "wildfly.version");
    }

    /** @return {@code payara-micro.version} of tck-servers/pom.xml */
    public static String payaraMicro() {
        return of("chatsdk.version.payara-micro", "payara-micro.version");
    }

    /** @return {@code payara-server.version} of tck-servers/pom.xml (the full Payara Server distribution) */
    public static String payaraServer() {
        return of("chatsdk.version.payara-server", "payara-server.version");
    }

    /** @return {@code tomcat-distribution.version} of tck-servers/pom.xml (the Tomcat zip, not embedded Tomcat) */
    public static String tomcatDistribution() {
        return of("chatsdk.version.tomcat-distribution", "tomcat-distribution.version");
    }

    /**
     * @param property    the system property the build sets
     * @param pomProperty the pom property it is set from, for the message
     * @return the property's value
     * @throws IllegalStateException naming the property when the build did not set it
     */
    static String of(String property, String pomProperty) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + property + " is not set: the module's pom must pass it"
                    + " to surefire/failsafe as <systemPropertyVariables><" + property + ">${" + pomProperty + "}</"
                    + property + ">");
        }
        return value;
    }
}
