// ESLint flat config: typescript-eslint's recommended rules over every TypeScript file of the project.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: [
            "node_modules/",
            "components/bin/",
            "rules/bin/",
            "out/",
            ".stryker-tmp*/",
            "reports/",
            "**/*.js",
            "**/*.mjs",
            "**/*.cjs",
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        // Specs, the harness and the plan inspect recorded JSON of any shape.
        files: ["tests/**/*.ts", "plan/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
);
