fn main() {
    let dir = std::path::PathBuf::from("../shared/corpus/en");
    for _ in 0..8 {
        let m = graphdoc::read_docs(std::slice::from_ref(&dir));
        std::hint::black_box(&m);
    }
}
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
