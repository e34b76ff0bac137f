/** Where the package's upstream data (`components/data/`, copied to `bin/data/` by the build) sits. */
import * as path from "path";

/** The data folder, from any module of the package: `<package>/data` in the sources, `<package>/bin/data` built. */
export const DATA_DIR = path.join(__dirname, "..", "data");
