//! Errors a person reads: one line that names the thing and what to do.

use std::fmt;
use std::io;
use std::path::Path;

#[derive(Debug)]
pub struct Error {
    message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
        }
    }

    /// An I/O error about `path`, worded for a person.
    pub fn io(path: &Path, action: &str, error: &io::Error) -> Error {
        Error::new(format!(
            "cannot {action} {}: {}",
            crate::safe::path(path),
            describe_io(error)
        ))
    }
}

/// An I/O error in words.
pub fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotADirectory => {
            "a part of that path is a file, not a directory".to_string()
        }
        io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_string(),
        io::ErrorKind::StorageFull => "the disk is full".to_string(),
        io::ErrorKind::AlreadyExists => "a file of that name is in the way".to_string(),
        _ => error.to_string(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
