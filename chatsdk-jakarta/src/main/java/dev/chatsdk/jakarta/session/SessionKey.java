package dev.chatsdk.jakarta.session;

import java.util.Objects;
import java.util.UUID;

/**
 * A session id as a map key of the memory store: a canonical UUID as its two halves, any other id as itself.
 * {@link SessionEntry} extends it, so that a session is its own key.
 */
class SessionKey {
    final long high;
    final long low;
    /** The id when it is not a canonical lower-case UUID, else {@code null}. */
    final String other;

    SessionKey(long high, long low, String other) {
        this.high = high;
        this.low = low;
        this.other = other;
    }

    static SessionKey of(String id) {
        if (id.length() == 36) {
            try {
                UUID uuid = UUID.fromString(id);
                if (uuid.toString().equals(id)) {
                    return new SessionKey(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), null);
                }
            } catch (IllegalArgumentException notUuid) {
                // kept as text below
            }
        }
        return new SessionKey(0, 0, id);
    }

    final String id() {
        return other != null ? other : new UUID(high, low).toString();
    }

    @Override
    public final boolean equals(Object o) {
        if (!(o instanceof SessionKey)) {
            return false;
        }
        SessionKey k = (SessionKey) o;
        return high == k.high && low == k.low && Objects.equals(other, k.other);
    }

    @Override
    public final int hashCode() {
        return other != null ? other.hashCode() : Long.hashCode(high ^ low);
    }
}
