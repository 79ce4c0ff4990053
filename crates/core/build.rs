//! Lists the seed graph's sources and documents so that `seed.rs` can compile them in.

use std::fmt::Write;
use std::path::Path;

fn list(dir: &Path, ext: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let seeds = Path::new(&manifest)
        .join("../../graphs/seeds")
        .canonicalize()
        .expect("graphs/seeds exists");
    let docs = seeds.join("docs");
    println!("cargo:rerun-if-changed={}", seeds.display());
    println!("cargo:rerun-if-changed={}", docs.display());
    let mut out = String::from("const SEED_SOURCES: &[(&str, &str)] = &[\n");
    for name in list(&seeds, ".toml") {
        let path = seeds.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\nconst SEED_DOCUMENTS: &[(&str, &str)] = &[\n");
    for name in list(&docs, ".txt") {
        let path = docs.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    (\"docs/{name}\", include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("seed_files.rs");
    std::fs::write(dest, out).unwrap();
}
