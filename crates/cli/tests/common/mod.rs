//! What the integration tests share.

use assert_cmd::Command;
use std::path::Path;

/// `tupu --store STORE`, blind to the caller's `TUPU_STORE` and
/// `TUPU_ONTOLOGY`.
pub fn tupu(store: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tupu"));
    cmd.env_remove("TUPU_STORE").env_remove("TUPU_ONTOLOGY").arg("--store").arg(store);
    cmd
}
