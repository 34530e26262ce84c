package org.lastmile.access.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits login and token attempts per account and per client address (token buckets, per node).
 * The lockout after failed passwords is the durable, cluster-wide control; this one blunts bursts.
 */
@Component
class LoginRateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perAccountPerMinute;
    private final int perAddressPerMinute;

    LoginRateLimiter(@Value("${lastmile.login-rate.per-account:10}") int perAccountPerMinute,
                     @Value("${lastmile.login-rate.per-address:30}") int perAddressPerMinute) {
        this.perAccountPerMinute = perAccountPerMinute;
        this.perAddressPerMinute = perAddressPerMinute;
    }

    /** Takes one attempt from both buckets; false when either is empty. */
    boolean tryAttempt(String username, String clientAddress) {
        if (buckets.size() > 100_000) {
            buckets.clear(); // a flood of made-up names must not exhaust memory
        }
        Bucket address = buckets.computeIfAbsent("a:" + clientAddress, k -> bucket(perAddressPerMinute));
        Bucket account = buckets.computeIfAbsent("u:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT)),
                k -> bucket(perAccountPerMinute));
        return address.tryConsume(1) & account.tryConsume(1);
    }

    private static Bucket bucket(int perMinute) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
