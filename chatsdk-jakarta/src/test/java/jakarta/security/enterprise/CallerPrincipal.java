package jakarta.security.enterprise;

import java.security.Principal;

/** Test fake of Jakarta Security's principal of its authentication mechanisms (the API jar is not a test dependency). */
public class CallerPrincipal implements Principal {
    private final String name;

    public CallerPrincipal(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }
}
