package dev.chatsdk.jakarta.servers;

/**
 * The kit against the full Payara Server distribution with the jakartaee-war example, its jdbc session store on the
 * domain's JDBC resource ({@link PayaraServerLauncher}).
 */
class PayaraServerIT extends DataSourceServerTarget {
    @Override
    DataSourceLauncher launcher(ServerDatabase database) {
        return new PayaraServerLauncher(database);
    }
}
