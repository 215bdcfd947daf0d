package cn.keywork.supervision.examples;

import java.io.File;

import cn.keywork.supervision.client.ApiClient;
import cn.keywork.supervision.client.ApiException;
import cn.keywork.supervision.client.api.AuthApi;
import cn.keywork.supervision.client.api.TasksApi;
import cn.keywork.supervision.client.api.UnitsApi;
import cn.keywork.supervision.client.model.ImportResult;
import cn.keywork.supervision.client.model.TokenRequest;
import cn.keywork.supervision.client.model.UnitPage;

/**
 * The README's Java example, compiled against the client the build generates from the contract and
 * run by {@code ContractClientTest}; README.md shows the lines between the markers, word for word.
 */
public final class JavaClientExample {

    /** What the example fetched and sent. */
    public record Outcome(UnitPage units, File template, ImportResult imported) {
    }

    private JavaClientExample() {
    }

    public static Outcome run(String baseUrl, String username, String password, File sheet) throws ApiException {
        // README example begins
        ApiClient client = new ApiClient().setBasePath(baseUrl);
        String token = new AuthApi(client)
                .issueToken(new TokenRequest().username(username).password(password)).getAccessToken();
        client.setBearerToken(token);

        UnitPage units = new UnitsApi(client).listUnits(null, null, true, null, 1, 50, "name");
        TasksApi tasks = new TasksApi(client);
        File template = tasks.getImportTemplate();          // key-task-template.xlsx
        ImportResult imported = tasks.importTasks(sheet);   // a .csv or an .xlsx file
        // README example ends
        return new Outcome(units, template, imported);
    }
}
