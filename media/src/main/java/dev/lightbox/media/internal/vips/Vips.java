package dev.lightbox.media.internal.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The few libvips (8.x, {@code libvips.so.42}) entry points Lightbox uses, bound with the FFM API.
 * Variadic functions are bound once per argument shape; every option list ends with a NULL name.
 */
@SuppressWarnings("restricted") // binding libvips is what this class is for
final class Vips {
  static final int SIZE_DOWN = 2;
  static final int FAIL_ON_TRUNCATED = 1;
  static final int INTERPRETATION_SRGB = 22;

  final MethodHandle init;
  final MethodHandle versionString;
  final MethodHandle thumbnail;          // (name, out**, width, "height", h, "size", s, "fail_on", f,
                                         //  "export_profile", "srgb", NULL)
  final MethodHandle copy;               // (in, out**, NULL)
  final MethodHandle remove;             // vips_image_remove(image, name)
  final MethodHandle colourspace;        // (in, out**, space, NULL)
  final MethodHandle flattenWhite;       // (in, out**, "background", array, NULL)
  final MethodHandle arrayDouble3;       // vips_array_double_newv(3, d, d, d)
  final MethodHandle areaUnref;
  final MethodHandle webpsave;           // (in, name, "Q", q, "strip", 1, NULL)
  final MethodHandle jpegsave;           // (in, name, "Q", q, "strip", 1, "optimize_coding", 1, NULL)
  final MethodHandle newFromFile;        // (name, NULL)
  final MethodHandle width;
  final MethodHandle height;
  final MethodHandle interpretation;
  final MethodHandle hasAlpha;
  final MethodHandle setKill;
  final MethodHandle unref;
  final MethodHandle errorBufferCopy;
  final MethodHandle errorClear;
  final MethodHandle gFree;
  final MethodHandle cacheSetMax;

  private Vips(SymbolLookup lib) {
    Linker linker = Linker.nativeLinker();
    Binder b = new Binder(linker, lib);
    init = b.bind("vips_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    versionString = b.bind("vips_version_string", FunctionDescriptor.of(ADDRESS));
    thumbnail = b.variadic("vips_thumbnail", 3, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
        ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    copy = b.variadic("vips_copy", 2, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    remove = b.bind("vips_image_remove", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    colourspace = b.variadic("vips_colourspace", 3, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
    flattenWhite = b.variadic("vips_flatten", 2, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    arrayDouble3 = b.variadic("vips_array_double_newv", 1, ADDRESS, JAVA_INT, JAVA_DOUBLE, JAVA_DOUBLE,
        JAVA_DOUBLE);
    areaUnref = b.bind("vips_area_unref", FunctionDescriptor.ofVoid(ADDRESS));
    webpsave = b.variadic("vips_webpsave", 2, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
        ADDRESS);
    jpegsave = b.variadic("vips_jpegsave", 2, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
        ADDRESS, JAVA_INT, ADDRESS);
    newFromFile = b.variadic("vips_image_new_from_file", 1, ADDRESS, ADDRESS, ADDRESS);
    width = b.bind("vips_image_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    height = b.bind("vips_image_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    interpretation = b.bind("vips_image_get_interpretation", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    hasAlpha = b.bind("vips_image_hasalpha", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    setKill = b.bind("vips_image_set_kill", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
    unref = b.bind("g_object_unref", FunctionDescriptor.ofVoid(ADDRESS));
    errorBufferCopy = b.bind("vips_error_buffer_copy", FunctionDescriptor.of(ADDRESS));
    errorClear = b.bind("vips_error_clear", FunctionDescriptor.ofVoid());
    gFree = b.bind("g_free", FunctionDescriptor.ofVoid(ADDRESS));
    cacheSetMax = b.bind("vips_cache_set_max", FunctionDescriptor.ofVoid(JAVA_INT));
  }

  /** Binds libvips, or throws {@link UnsatisfiedLinkError} / {@link IllegalArgumentException} when absent. */
  static Vips load() {
    SymbolLookup lib = SymbolLookup.libraryLookup("libvips.so.42", Arena.global());
    return new Vips(lib);
  }

  private record Binder(Linker linker, SymbolLookup lib) {
    MethodHandle bind(String name, FunctionDescriptor fd) {
      MemorySegment fn = lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libvips lacks " + name));
      return linker.downcallHandle(fn, fd);
    }

    /** {@code ret} then all argument layouts; arguments from {@code fixed} on are variadic. */
    MethodHandle variadic(String name, int fixed, MemoryLayout ret, MemoryLayout... args) {
      MemorySegment fn = lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libvips lacks " + name));
      return linker.downcallHandle(fn, FunctionDescriptor.of(ret, args), Linker.Option.firstVariadicArg(fixed));
    }
  }
}
