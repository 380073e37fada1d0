// The end-to-end suite runs on both stores: one instantiation for the ServiceE2E tests of every
// file of tests/e2e.
#include "e2e/service_e2e_fixture.hpp"

namespace plcbridge::e2e {

INSTANTIATE_TEST_SUITE_P(Backends, ServiceE2E,
                         ::testing::Values(testing::StoreBackend::sqlite, testing::StoreBackend::postgresql),
                         testing::backend_name);

}  // namespace plcbridge::e2e
