// The README's TypeScript example, type-checked with `tsc --strict` against types generated from
// the contract (.ci/run, when Node is present); README.md shows the lines between the markers.
// README example begins
import createClient from "openapi-fetch";
import type { paths } from "./schema";

export async function example(baseUrl: string, username: string, password: string, sheet: Blob) {
    const api = createClient<paths>({ baseUrl });
    const { data: token } = await api.POST("/api/v1/auth/token", { body: { username, password } });
    if (!token || !("accessToken" in token)) throw new Error("sign-in refused"); // the other shape is a service account's
    api.use({ onRequest: ({ request }) => request.headers.set("Authorization", `Bearer ${token.accessToken}`) });

    const { data: units } = await api.GET("/api/v1/units", { params: { query: { active: true, size: 50, sort: "name" } } });
    const { data: template } = await api.GET("/api/v1/tasks/import-template", { parseAs: "blob" }); // key-task-template.xlsx
    const { data: imported, error } = await api.POST("/api/v1/tasks/import", {
        body: sheet, bodySerializer: (body) => body, headers: { "Content-Type": "text/csv" }, // or the XLSX type
    });
    return { units: units?.items.map((unit) => unit.name), template, created: imported?.created, problem: error?.detail };
}
// README example ends
