package dev.threadhook.server.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * The migrations' SQL scripts, named here rather than searched for. To find them, Flyway reads
 * every entry of the class path's {@code db/migration} locations, which in the server's jar means
 * going through all of its ~11,300 entries: about 0.1 s of every start, on the way to the first
 * migration (docs/benchmarks.md, profile 48). A script added to {@code db/migration} must be named
 * in {@link #FILE_NAMES} too; {@code MigrationScriptsTest} fails until it is.
 */
final class MigrationScripts implements ResourceProvider {
  static final String LOCATION = "db/migration";

  /** Every file of {@code db/migration}, in the order the migrations apply. */
  static final List<String> FILE_NAMES = List.of(
      "V1__platform.sql",
      "V1_1__identity_cache.sql",
      "V1_2__thread_heads.sql",
      "V1_3__fewer_delivery_indexes.sql",
      "V1_4__attempts_identity_cache.sql");

  /** No Java migrations to find either: {@link Database} hands Flyway its instances. */
  static final ClassProvider<JavaMigration> NO_CLASSES = List::of;

  private final Location location = new Location("classpath:" + LOCATION);
  private final ClassLoader classLoader = MigrationScripts.class.getClassLoader();

  @Override
  public LoadableResource getResource(String name) {
    return FILE_NAMES.contains(name) ? resource(name) : null;
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
    return FILE_NAMES.stream()
        .filter(name -> name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith))
        .map(this::resource)
        .toList();
  }

  private LoadableResource resource(String name) {
    return new ClassPathResource(location, LOCATION + "/" + name, classLoader,
        StandardCharsets.UTF_8);
  }
}
