package dev.chatsdk.jakarta.servers;

/**
 * The kit against the Tomcat distribution with the servlet-war example, its jdbc session store on the DataSource of
 * the application's {@code META-INF/context.xml} ({@link TomcatDistributionLauncher}).
 */
class TomcatDistributionIT extends DataSourceServerTarget {
    @Override
    DataSourceLauncher launcher(ServerDatabase database) {
        return new TomcatDistributionLauncher(database);
    }
}
