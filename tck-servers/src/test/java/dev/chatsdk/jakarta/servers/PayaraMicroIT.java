package dev.chatsdk.jakarta.servers;

/** The kit against Payara Micro with the jakartaee-war example, as {@link PayaraMicroLauncher} starts it. */
class PayaraMicroIT extends FullServerTarget {
    PayaraMicroIT() {
        super(new PayaraMicroLauncher());
    }
}
