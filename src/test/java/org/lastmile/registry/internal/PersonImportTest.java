package org.lastmile.registry.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PersonImportTest {

    @Test
    void readsCategoriesAsCodesOrWords() {
        assertThat(PersonImport.category("4")).isEqualTo(4);
        assertThat(PersonImport.category("肢体")).isEqualTo(4);
        assertThat(PersonImport.category("肢体残疾")).isEqualTo(4);
        assertThat(PersonImport.category("多重")).isEqualTo(7);
        assertThat(PersonImport.category("８")).isNull();
        assertThat(PersonImport.category("残")).isNull();
    }

    @Test
    void readsGradesAsCodesOrWords() {
        assertThat(PersonImport.grade("2")).isEqualTo(2);
        assertThat(PersonImport.grade("2级")).isEqualTo(2);
        assertThat(PersonImport.grade("二级")).isEqualTo(2);
        assertThat(PersonImport.grade("５级")).isNull();
        assertThat(PersonImport.grade("五级")).isNull();
    }

    @Test
    void readsThePartsOfAMultipleDisability() {
        assertThat(PersonImport.components("肢体二级、言语三级")).containsExactly(new PersonForm.Component(4, 2), new PersonForm.Component(3, 3));
        assertThat(PersonImport.components("4-2;3-3")).containsExactly(new PersonForm.Component(4, 2), new PersonForm.Component(3, 3));
        assertThat(PersonImport.components(" ")).isNull();
        assertThat(PersonImport.components("很多")).containsExactly(new PersonForm.Component(null, null));
    }

    @Test
    void aMultipleDisabilityNeedsTwoDistinctValidParts() {
        List<PersonProblem.FieldProblem> problems = new java.util.ArrayList<>();
        assertThat(PersonService.components(org.lastmile.registry.DisabilityCategory.MULTIPLE,
                List.of(new PersonForm.Component(4, 2), new PersonForm.Component(3, 3)), problems)).hasSize(2);
        assertThat(problems).isEmpty();
        PersonService.components(org.lastmile.registry.DisabilityCategory.MULTIPLE, List.of(new PersonForm.Component(4, 2)), problems);
        PersonService.components(org.lastmile.registry.DisabilityCategory.MULTIPLE,
                List.of(new PersonForm.Component(4, 2), new PersonForm.Component(4, 3)), problems);
        PersonService.components(org.lastmile.registry.DisabilityCategory.PHYSICAL, List.of(new PersonForm.Component(4, 2)), problems);
        assertThat(problems).extracting(PersonProblem.FieldProblem::code)
                .containsExactly("COMPONENTS_INVALID", "COMPONENTS_INVALID", "COMPONENTS_ONLY_FOR_MULTIPLE");
        assertThat(PersonService.categories(7, List.of(new PersonForm.Component(4, 2), new PersonForm.Component(3, 3))))
                .containsExactly((short) 7, (short) 4, (short) 3);
    }
}
