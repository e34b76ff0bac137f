/** Loaded by mocha before any spec (`.mocharc.json` `require`): mocks must exist before anything registers. */
import { installMocks, reset } from "./mocks";

installMocks();

export const mochaHooks = {
    beforeEach(): void {
        reset();
    },
};
