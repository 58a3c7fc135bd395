package az.ekabinet.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bounded pools that keep blocking and CPU-heavy work off the Netty threads, and the password hash's cost
 * (docs/configuration.md). Checked at start-up.
 *
 * @param commands  {@code ekabinet.commands.*}: commands waiting for a JDBC connection before 503
 * @param passwords {@code ekabinet.passwords.*}: bcrypt compares at once, and bcrypt's cost
 * @param printing  {@code ekabinet.printing.*}: PDFs rendered at once
 */
@ConfigurationProperties("ekabinet")
public record RuntimeSettings(@DefaultValue Commands commands, @DefaultValue Passwords passwords,
                              @DefaultValue Printing printing) {

    public record Commands(@DefaultValue("10000") int queueCapacity) {
        public Commands {
            atLeast(1, queueCapacity, "commands.queue-capacity");
        }
    }

    /**
     * @param parallelism threads hashing at once; unset, one per core: bcrypt is CPU work, so more threads than cores
     *                    hash no faster and only make each login wait longer (measured: the same 13 logins/s on two
     *                    cores with 2 threads as with 4, at half the latency)
     */
    public record Passwords(Integer parallelism, @DefaultValue("11") int bcryptStrength) {
        public Passwords {
            if (parallelism == null) {
                parallelism = Runtime.getRuntime().availableProcessors();
            }
            atLeast(1, parallelism, "passwords.parallelism");
            // ASVS asks for a bcrypt cost of at least 10; bcrypt itself stops at 31
            if (bcryptStrength < 10 || bcryptStrength > 31) {
                throw new IllegalArgumentException("ekabinet.passwords.bcrypt-strength must be 10 to 31");
            }
        }
    }

    public record Printing(@DefaultValue("2") int parallelism) {
        public Printing {
            atLeast(1, parallelism, "printing.parallelism");
        }
    }

    static void atLeast(int minimum, long value, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException("ekabinet." + name + " must be at least " + minimum);
        }
    }
}
