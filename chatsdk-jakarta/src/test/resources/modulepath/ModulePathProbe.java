package modulepath.probe;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.chatsdk.jakarta.ChatSdk;
import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.RemoteConfig;
import dev.chatsdk.jakarta.event.ChatEvent;
import dev.chatsdk.jakarta.spi.ChatEventListener;

/**
 * Run by ModulePathIT in a JVM of its own: the library and its dependencies on the module path, this class on the
 * class path (the unnamed module, as an application's code would be). Prints key=value lines for the IT to check.
 * Compiled by the IT against the packaged jar, so it sees only what the module exports.
 */
public final class ModulePathProbe {
    static volatile boolean listenerLoaded;

    private ModulePathProbe() {
    }

    public static void main(String[] args) throws Exception {
        Module module = ChatSdk.class.getModule();
        print("named", module.isNamed());
        print("name", module.getName());
        print("automatic", module.getDescriptor().isAutomatic());
        // what the descriptor exports (compile time and run time) and opens (run time, reflection alone)
        print("exports", module.getDescriptor().exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).sorted().collect(Collectors.joining(",")));
        print("opens", module.getDescriptor().opens().stream().filter(o -> !o.isQualified())
                .map(ModuleDescriptor.Opens::source).sorted().collect(Collectors.joining(",")));
        // at run time an opened package counts as exported too; the others must not be
        Set<String> accessible = new TreeSet<>();
        for (String pkg : module.getPackages()) {
            if (module.isExported(pkg)) {
                accessible.add(pkg);
            }
        }
        print("accessible", String.join(",", accessible));

        // deep reflection from the class path into every class of the module, package by package
        ResolvedModule resolved = ModuleLayer.boot().configuration().findModule(module.getName()).orElseThrow();
        List<String> classes;
        try (ModuleReader reader = resolved.reference().open(); Stream<String> entries = reader.list()) {
            classes = entries.filter(e -> e.endsWith(".class") && !e.endsWith("module-info.class") && !e.startsWith("META-INF/"))
                    .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.')).collect(Collectors.toList());
        }
        Set<String> reflectable = new TreeSet<>();
        Set<String> denied = new TreeSet<>();
        for (String name : classes) {
            Class<?> c;
            Constructor<?>[] constructors;
            try {
                c = Class.forName(name, false, ChatSdk.class.getClassLoader());
                constructors = c.getDeclaredConstructors();
            } catch (LinkageError e) {
                continue; // a class of an optional integration whose API is absent here
            }
            if (constructors.length == 0) {
                continue;
            }
            try {
                constructors[0].setAccessible(true);
                reflectable.add(c.getPackageName());
            } catch (InaccessibleObjectException e) {
                denied.add(c.getPackageName());
            }
        }
        print("reflectable", String.join(",", reflectable));
        print("denied", String.join(",", denied));
        // a public class of an internal package, used the ordinary (non-deep) way
        try {
            Class.forName("dev.chatsdk.jakarta.token.LocalTokenIssuerFactory").getConstructor().newInstance();
            print("internalPublicConstructor", "allowed");
        } catch (ReflectiveOperationException e) {
            print("internalPublicConstructor", e.getClass().getSimpleName());
        }

        // the library's own ServiceLoader lookups (its 'uses'), seeing a listener from the class path
        byte[] secret = new byte[36];
        new SecureRandom().nextBytes(secret);
        ChatSdkConfig config = ChatSdkConfig.builder().set(RemoteConfig.API_URL, "http://127.0.0.1:9")
                .set(RemoteConfig.API_KEY, "ck_live_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .build();
        ChatSdk sdk = ChatSdk.create(config);
        print("built", sdk != null);
        print("listenerLoaded", listenerLoaded);

        // the module's providers, as containers look them up
        print("servletInitializers", providers("jakarta.servlet.ServletContainerInitializer"));
        print("configSources", providers("org.eclipse.microprofile.config.spi.ConfigSource"));
    }

    private static String providers(String service) {
        Class<?> type;
        try {
            type = Class.forName(service);
        } catch (ClassNotFoundException e) {
            return "no-api";
        }
        List<String> found = new ArrayList<>();
        ServiceLoader.load(type).stream().forEach(p -> found.add(p.type().getName()));
        return String.join(",", found);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    /** Listed in META-INF/services by the IT: the library must find it through its 'uses' clause. */
    public static final class Listener implements ChatEventListener {
        public Listener() {
            listenerLoaded = true;
        }

        @Override
        public void onEvent(ChatEvent event) {
            // only its loading matters
        }
    }
}
