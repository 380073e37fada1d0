#include "plcbridge/api/history_csv.hpp"

#include <gtest/gtest.h>

namespace plcbridge::api {
namespace {

TEST(HistoryCsv, OneRowPerLineWithQuotingAndNoFormulas) {
    store::History h;
    h.id = 7;
    h.batch_no = 3;
    h.mo_id = "WH/MO/00123";
    h.finished_goods = "BR 511 PLUS, \"50%\"";
    h.quantity = Decimal{100000, 100};
    h.weight_finished_good = Decimal{99950, 100};
    h.status = "cancelled";
    h.notes = "=HYPERLINK(\"x\")";
    h.lines = {{"silo101", Decimal{15007, 100}, Decimal{7503, 100}}, {"lq115", Decimal{3000, 100}, Decimal{0, 100}}};
    store::History bare;
    bare.id = 8;
    bare.mo_id = "WH/MO/00124";
    bare.status = "completed";
    const std::string csv = histories_csv({h, bare});
    const std::string header =
        "history_id,batch_no,mo_id,product,quantity,weight_finished_good,status,notes,batch_created_at,archived_at,"
        "equipment,planned,actual\r\n";
    ASSERT_TRUE(csv.starts_with(header)) << csv;
    EXPECT_NE(
        csv.find("7,3,WH/MO/00123,\"BR 511 PLUS, \"\"50%\"\"\",1000.00,999.50,cancelled,\"'=HYPERLINK(\"\"x\"\")\","),
        std::string::npos)
        << csv;
    EXPECT_NE(csv.find(",silo101,150.07,75.03\r\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",lq115,30.00,0.00\r\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("8,0,WH/MO/00124,"), std::string::npos);
    EXPECT_TRUE(csv.ends_with(",,,\r\n")) << "a batch without lines still has its row";
    std::size_t rows = 0;
    for (std::size_t at = 0; (at = csv.find("\r\n", at)) != std::string::npos; at += 2)
        ++rows;
    EXPECT_EQ(rows, 4U);
}

}  // namespace
}  // namespace plcbridge::api
