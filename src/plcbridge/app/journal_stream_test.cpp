#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "plcbridge/app/journal_stream.hpp"

namespace plcbridge::app {
namespace {

TEST(JournalStream, MatchesOnlyTheDeviceAndInodeOfTheDescriptor) {
    const std::string path = ::testing::TempDir() + "/plcbridge_journal_stream";
    const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    struct stat st {};
    ASSERT_EQ(fstat(fd, &st), 0);
    const std::string mine = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    EXPECT_TRUE(is_journal_stream(mine, fd));
    EXPECT_FALSE(is_journal_stream(std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1), fd));
    EXPECT_FALSE(is_journal_stream(std::nullopt, fd));
    EXPECT_FALSE(is_journal_stream(std::string("garbage"), fd));
    EXPECT_FALSE(is_journal_stream(mine + "x", fd));
    EXPECT_FALSE(is_journal_stream(std::string(":"), fd));
    ::close(fd);
}

}  // namespace
}  // namespace plcbridge::app
