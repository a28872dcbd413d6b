package dev.lanes.init;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A build tool {@code lanes init} recognises by the files at the root of a project. */
public enum BuildTool {
  MAVEN(List.of("pom.xml"), List.of("pom.xml")),
  GRADLE(
      List.of("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"),
      List.of(
          "build.gradle",
          "build.gradle.kts",
          "settings.gradle",
          "settings.gradle.kts",
          "gradle/libs.versions.toml")),
  NPM(List.of("package.json"), List.of("package.json", "package-lock.json", "npm-shrinkwrap.json")),
  CARGO(List.of("Cargo.toml"), List.of("Cargo.toml", "Cargo.lock")),
  GO(List.of("go.mod"), List.of("go.mod", "go.sum")),
  PYTHON(
      List.of("pyproject.toml", "setup.py", "setup.cfg"),
      List.of("pyproject.toml", "setup.py", "setup.cfg", "poetry.lock", "uv.lock"));

  private final List<String> markers;
  private final List<String> hotspotFiles;

  BuildTool(List<String> markers, List<String> hotspotFiles) {
    this.markers = markers;
    this.hotspotFiles = hotspotFiles;
  }

  /** The file names whose presence in a folder means this tool builds it. */
  public List<String> markers() {
    return markers;
  }

  /**
   * The files of this tool that many lanes tend to touch at once (manifests, lock files), the
   * natural candidates for the {@code hotspots} setting.
   */
  public List<String> hotspotFiles() {
    return hotspotFiles;
  }

  /** Whether {@code dir} holds one of this tool's marker files. */
  public boolean buildsFolder(Path dir) {
    return markers.stream().anyMatch(m -> Files.isRegularFile(dir.resolve(m)));
  }
}
