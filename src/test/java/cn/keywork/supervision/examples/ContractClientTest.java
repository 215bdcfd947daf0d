package cn.keywork.supervision.examples;

import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.client.model.KeyTaskSummary;
import cn.keywork.supervision.client.model.TaskStatus;
import cn.keywork.supervision.client.model.Unit;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Java client generated from the contract works against the service, as the README shows it. */
@QuarkusTest
class ContractClientTest {

    @TestHTTPResource("/")
    String baseUrl;

    @Test
    void the_generated_client_signs_in_lists_units_downloads_the_template_and_uploads_a_sheet() throws Exception {
        String unitCode = uniqueCode("CLIENT");
        String unitId = Units.registerId(unitCode, "客户端示例单位");
        String username = uniqueCode("client").toLowerCase();
        TestAccounts.createAccount(username, "OFFICE", null);
        TestAccounts.activate(username);
        Path csv = Files.createTempFile("tasks-", ".csv");
        Files.writeString(csv, "年度,类别,标题,目标任务,工作内容,完成时限,牵头单位代码\n"
                + "2013,十项重点工程,生成客户端导入的任务,年底前完成,按月推进,2013-12-31," + unitCode + "\n", StandardCharsets.UTF_8);

        JavaClientExample.Outcome outcome = JavaClientExample.run(baseUrl.replaceAll("/$", ""), username,
                TestAccounts.PASSWORD, csv.toFile());

        assertThat(outcome.units().getItems()).extracting(Unit::getCode).contains(unitCode);
        File template = outcome.template();
        // named after Content-Disposition (key-task-template.xlsx), made unique in the temporary folder
        assertThat(template.getName()).startsWith("key-task-template").endsWith(".xlsx");
        assertThat(Files.readAllBytes(template.toPath())).startsWith('P', 'K');
        assertThat(outcome.imported().getCreated()).isEqualTo(1);
        assertThat(outcome.imported().getTasks()).singleElement()
                .satisfies(task -> assertThat(task.getTitle()).isEqualTo("生成客户端导入的任务"))
                .extracting(KeyTaskSummary::getStatus).isEqualTo(TaskStatus.ACTIVE);
        Files.delete(csv);
        Files.delete(template.toPath());
    }
}
