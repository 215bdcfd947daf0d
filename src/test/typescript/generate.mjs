// Generates schema.d.ts from the contract, as the openapi-typescript CLI does, except that binary
// bodies (the spreadsheet upload and the template) are typed as Blob instead of string.
import { writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const ast = await openapiTS(new URL("../../../openapi/openapi.yaml", import.meta.url), {
    transform(schemaObject) {
        if (schemaObject.format === "binary") {
            return BLOB;
        }
    },
});
writeFileSync(new URL("schema.d.ts", import.meta.url), astToString(ast));
