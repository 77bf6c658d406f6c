package dev.chatsdk.jakarta.servers;

/** The kit against WildFly with the jakartaee-war example, as {@link WildFlyLauncher} starts it. */
class WildFlyIT extends FullServerTarget {
    WildFlyIT() {
        super(new WildFlyLauncher());
    }
}
