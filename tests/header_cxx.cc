// The umbrella header must compile as C++ and give C linkage.
#include <egenkontroll/egenkontroll.h>

int main()
{
    // The static initializers compile without warnings (every field given) in C++ too.
    ek_explanation x = EK_EXPLANATION_INIT;
    ek_rule_version_info v = EK_RULE_VERSION_INFO_INIT;
    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    return ek_version() == EK_VERSION_NUMBER && x.version == EK_EXPLANATION_VERSION &&
                   v.version == EK_RULE_VERSION_INFO_VERSION && t.version == EK_REPORT_TOTALS_VERSION
               ? 0
               : 1;
}
