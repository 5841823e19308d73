//! The sample articles built into the binary, so `barg` has a library from
//! any directory.

/// (file name, text) of every sample, in the order the library shows them.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "fa-news.txt",
        include_str!("../../assets/articles/fa-news.txt"),
    ),
    (
        "fa-essay.txt",
        include_str!("../../assets/articles/fa-essay.txt"),
    ),
    (
        "fa-tech.txt",
        include_str!("../../assets/articles/fa-tech.txt"),
    ),
    (
        "en-essay.txt",
        include_str!("../../assets/articles/en-essay.txt"),
    ),
    (
        "ar-poem.txt",
        include_str!("../../assets/articles/ar-poem.txt"),
    ),
    (
        "fa-notes.md",
        include_str!("../../assets/articles/fa-notes.md"),
    ),
];

/// A sample by file name.
pub fn sample(name: &str) -> Option<&'static str> {
    SAMPLES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|&(_, text)| text)
}
