package dev.lightbox.server.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every test of the annotated class once on SQLite and once on PostgreSQL. The class declares
 * {@code @Parameter String database} and hands it to {@link TestServer#on} or {@link TestDatabases#newDatabase}:
 * <pre>{@code
 * @Nested
 * @OnEachDatabase
 * class Contract {
 *   @Parameter
 *   String database;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRES})
public @interface OnEachDatabase {
}
